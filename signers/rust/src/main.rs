// A Binance request signer in Rust (Debian bookworm's crates), for the kit's conformance suite:
//   make conformance CMD='sh signers/rust.sh'
// It reads one case as JSON on standard input and prints the signed request.
// REST: names and values percent-encoded as UTF-8 (RFC 3986 unreserved characters kept,
// uppercase hex); payload = query string + body with no separator; HMAC-SHA256 in hex.
// WebSocket API: params sorted by name, raw values, apiKey included, signature left out.
// Ed25519 and RSA are answered "unsupported": bookworm ships no crate for them.
use hmac::{Hmac, Mac};
use serde_json::{json, Map, Value};
use sha2::Sha256;
use std::io::Read;

fn hmac_hex(secret: &str, payload: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(payload.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

// Every UTF-8 byte except A-Z a-z 0-9 - . _ ~ becomes %XX (a space is %20, never +).
fn encode(s: &str) -> String {
    let mut out = String::new();
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{:02X}", b));
        }
    }
    out
}

// [[name, value], ...] from the case, as pairs of text.
fn pairs(v: &Value) -> Vec<(String, String)> {
    let text = |p: &Value, i: usize| p[i].as_str().expect("text").to_string();
    let list = v.as_array().expect("a list of [name, value]");
    list.iter().map(|p| (text(p, 0), text(p, 1))).collect()
}

fn join(pairs: &[(String, String)], enc: fn(&str) -> String) -> String {
    let parts: Vec<String> = pairs.iter().map(|(n, v)| enc(n) + "=" + &enc(v)).collect();
    parts.join("&")
}

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("stdin");
    let case: Value = serde_json::from_str(&input).expect("one JSON case");
    let secret = case["secret"].as_str().unwrap_or("");
    let answer = if case["key_type"] != "HMAC" {
        json!({"unsupported": "HMAC only: Debian bookworm ships no Ed25519 or RSA crate"})
    } else if case["api"] == "ws" {
        let mut params = pairs(&case["params"]);
        params.sort(); // by name (UTF-8 byte order = code point order)
        let signature = hmac_hex(secret, &join(&params, |s| s.to_string()));
        let mut out: Map<String, Value> = params.into_iter().map(|(n, v)| (n, json!(v))).collect();
        out.insert("signature".into(), json!(signature));
        json!({ "params": out })
    } else {
        let mut query = join(&pairs(&case["query"]), encode);
        let mut body = join(&pairs(&case["body"]), encode);
        let signature = "signature=".to_string() + &hmac_hex(secret, &(query.clone() + &body));
        // The signature goes last: after the body if there is one, else after the query.
        let last = if body.is_empty() {
            &mut query
        } else {
            &mut body
        };
        if !last.is_empty() {
            last.push('&');
        }
        last.push_str(&signature);
        json!({ "query": query, "body": body })
    };
    println!("{}", answer);
}
