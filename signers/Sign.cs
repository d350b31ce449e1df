// A Binance request signer in C# for Mono, speaking the kit's conformance protocol:
// one JSON case on standard input, one JSON answer on standard output.
// Run it through the whole corpus from the repository root (csharp.sh compiles it once):
//   make conformance CMD='sh signers/csharp.sh'
// By hand: mcs -r:System.Web.Extensions.dll -out:Sign.exe signers/Sign.cs && mono Sign.exe
// Debian: apt-get install mono-mcs libmono-system-web-extensions4.0-cil
// Ed25519 is not in Mono, so those cases are answered {"unsupported": ...}.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Web.Script.Serialization;

#pragma warning disable 649  // the JSON reader fills these fields
class Case {  // the fields the suite sends (helpers/conformance/protocol.py)
    public string api, key_type, secret, private_key, method, path;
    public List<List<string>> query, body, @params;
}

static class Sign {
    static readonly Encoding Utf8 = new UTF8Encoding(false);

    static void Main() {
        var json = new JavaScriptSerializer { MaxJsonLength = int.MaxValue };
        var c = json.Deserialize<Case>(new StreamReader(Console.OpenStandardInput(), Utf8).ReadToEnd());
        object answer = c.key_type == "Ed25519" ? new Dictionary<string, string> {
                            { "unsupported", "Ed25519: Mono has no Ed25519" } }
                      : c.api == "ws" ? WebSocket(c) : (object)Rest(c);
        var output = new StreamWriter(Console.OpenStandardOutput(), Utf8);
        output.WriteLine(json.Serialize(answer));
        output.Flush();
    }

    // REST: percent-encode names and values; payload = query + body with no separator;
    // "signature" goes into the body if there is one, else into the query string.
    static Dictionary<string, string> Rest(Case c) {
        string query = Encode(c.query), body = Encode(c.body);
        string sig = Signature(c, query + body);
        if (body != "") body += "&signature=" + sig;
        else query += (query == "" ? "" : "&") + "signature=" + sig;
        return new Dictionary<string, string> { { "query", query }, { "body", body } };
    }

    // WebSocket API: params sorted by name, values raw (not percent-encoded), apiKey
    // included; the signature is added to the params, never signed itself.
    static Dictionary<string, object> WebSocket(Case c) {
        var sorted = c.@params.OrderBy(p => p[0], StringComparer.Ordinal);  // by code unit
        string payload = string.Join("&", sorted.Select(p => p[0] + "=" + p[1]));
        var result = new Dictionary<string, string>();
        foreach (var p in c.@params) result[p[0]] = p[1];
        result["signature"] = Signature(c, payload);
        return new Dictionary<string, object> { { "params", result } };
    }

    // name=value pairs joined with "&", each name and value percent-encoded.
    static string Encode(List<List<string>> pairs) {
        return string.Join("&", pairs.Select(p => PercentEncode(p[0]) + "=" + PercentEncode(p[1])));
    }

    // RFC 3986 over the UTF-8 bytes: unreserved A-Z a-z 0-9 - . _ ~ kept, every other
    // byte as %XX in uppercase hex (a space is %20, never "+"; "€" is %E2%82%AC).
    static string PercentEncode(string text) {
        var sb = new StringBuilder();
        foreach (byte b in Utf8.GetBytes(text)) {
            char ch = (char)b;
            if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
                || ch == '-' || ch == '.' || ch == '_' || ch == '~') sb.Append(ch);
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }

    // HMAC-SHA256 as lowercase hex; RSA (PKCS#1 v1.5, SHA-256) as base64, then
    // percent-encoded because base64 has "+", "/" and "=" (the WebSocket API sends it raw).
    static string Signature(Case c, string payload) {
        byte[] data = Utf8.GetBytes(payload);
        if (c.key_type == "HMAC")
            using (var hmac = new HMACSHA256(Utf8.GetBytes(c.secret)))
                return string.Concat(hmac.ComputeHash(data).Select(b => b.ToString("x2")));
        using (var rsa = new RSACryptoServiceProvider()) {
            rsa.ImportParameters(RsaKey(c.private_key));
            string b64 = Convert.ToBase64String(rsa.SignData(data, "SHA256"));
            return c.api == "ws" ? b64 : PercentEncode(b64);
        }
    }

    // The PKCS#8 PEM -> DER -> RSAPrivateKey's integers. Mono cannot read PEM, so a tiny
    // DER walk: SEQUENCE { version, algorithm, OCTET STRING { SEQUENCE { version, n, e,
    // d, p, q, dp, dq, qinv } } }.
    static RSAParameters RsaKey(string pem) {
        string b64 = string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----")));
        var der = new Der(Convert.FromBase64String(b64.Trim()));
        der.Enter(); der.Skip(); der.Skip(); der.Enter(); der.Enter(); der.Skip();
        byte[] n = der.Int(0);
        int size = n.Length, half = (size + 1) / 2;  // Mono wants these exact lengths
        return new RSAParameters { Modulus = n, Exponent = der.Int(0), D = der.Int(size),
            P = der.Int(half), Q = der.Int(half), DP = der.Int(half), DQ = der.Int(half),
            InverseQ = der.Int(half) };
    }

    class Der {
        readonly byte[] bytes; int pos;
        public Der(byte[] bytes) { this.bytes = bytes; }
        int Header() {  // skips the tag, returns the length (short or long form)
            pos++;
            int len = bytes[pos++];
            if (len < 0x80) return len;
            int count = len & 0x7f; len = 0;
            while (count-- > 0) len = len * 256 + bytes[pos++];
            return len;
        }
        public void Enter() { Header(); }  // step into a SEQUENCE or OCTET STRING
        public void Skip() { int len = Header(); pos += len; }  // not pos += Header()
        public byte[] Int(int size) {  // an unsigned INTEGER, left-padded to size bytes
            int len = Header(), start = pos;
            pos += len;
            while (len > 1 && bytes[start] == 0) { start++; len--; }
            var value = new byte[Math.Max(size, len)];
            Array.Copy(bytes, start, value, value.Length - len, len);
            return value;
        }
    }
}
