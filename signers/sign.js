// A Binance request signer in JavaScript (Node, no packages), for the kit's conformance suite:
//   make conformance CMD='node signers/sign.js'
// encodeURIComponent leaves !'()* unencoded: RFC 3986 (and Binance) want them as %XX.
const crypto = require("crypto");
const c = JSON.parse(require("fs").readFileSync(0, "utf8"));
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (ch) => "%" + ch.charCodeAt(0).toString(16).toUpperCase());
const part = (pairs) => pairs.map(([n, v]) => enc(n) + "=" + enc(v)).join("&");
if (c.api !== "rest" || c.key_type !== "HMAC") {
  console.log(JSON.stringify({ unsupported: "REST with HMAC only" }));
  process.exit(0);
}
let query = part(c.query), body = part(c.body);
const sig = crypto.createHmac("sha256", c.secret).update(query + body).digest("hex");
if (body) body += "&signature=" + sig; else query += (query ? "&" : "") + "signature=" + sig;
console.log(JSON.stringify({ query, body }));
