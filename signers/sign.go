// A Binance request signer in Go, standard library only. Run the conformance corpus
// through it from the repository root (Go 1.19 or newer):
//
//	make conformance CMD='go run signers/sign.go'
//
// It reads one JSON case on stdin and prints one JSON answer on stdout (the protocol:
// python -m helpers.conformance --help). REST: HMAC, Ed25519, RSA keys; WebSocket API too.
package main

import (
	"crypto"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"sort"
	"strings"
)

type Case struct {
	API        string      `json:"api"`      // "rest" or "ws"
	KeyType    string      `json:"key_type"` // "HMAC", "Ed25519" or "RSA"
	Secret     string      `json:"secret"`
	PrivateKey string      `json:"private_key"` // PKCS#8 PEM
	Query      [][2]string `json:"query"`
	Body       [][2]string `json:"body"`
	Params     [][2]string `json:"params"`
}

// Percent-encode as UTF-8, keeping only RFC 3986 unreserved characters, uppercase hex
// (a space is %20, never '+': url.QueryEscape would not do).
func encode(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		unreserved := 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
		if unreserved || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// name=value pairs joined with '&', each name and value percent-encoded (or raw).
func join(pairs [][2]string, enc func(string) string) string {
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = enc(p[0]) + "=" + enc(p[1])
	}
	return strings.Join(parts, "&")
}

// HMAC-SHA256 as lowercase hex; Ed25519 and RSA (PKCS#1 v1.5, SHA-256) as base64.
func sign(c Case, payload string) (string, error) {
	if c.KeyType == "HMAC" {
		mac := hmac.New(sha256.New, []byte(c.Secret))
		mac.Write([]byte(payload))
		return hex.EncodeToString(mac.Sum(nil)), nil
	}
	block, _ := pem.Decode([]byte(c.PrivateKey))
	if block == nil {
		return "", fmt.Errorf("private_key is not PEM")
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return "", err
	}
	var sig []byte
	switch k := key.(type) {
	case ed25519.PrivateKey:
		sig = ed25519.Sign(k, []byte(payload))
	case *rsa.PrivateKey:
		digest := sha256.Sum256([]byte(payload))
		sig, err = rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, digest[:])
	default:
		err = fmt.Errorf("unexpected key type %T", key)
	}
	return base64.StdEncoding.EncodeToString(sig), err
}

func main() {
	var c Case
	if err := json.NewDecoder(os.Stdin).Decode(&c); err != nil {
		fail(err)
	}
	var answer interface{}
	if c.API == "ws" {
		// WebSocket API: params (apiKey included) sorted by name, values raw; the
		// signature is then added to the params, not signed itself.
		sort.SliceStable(c.Params, func(i, j int) bool { return c.Params[i][0] < c.Params[j][0] })
		sig, err := sign(c, join(c.Params, func(s string) string { return s }))
		if err != nil {
			fail(err)
		}
		params := map[string]string{"signature": sig}
		for _, p := range c.Params {
			params[p[0]] = p[1]
		}
		answer = map[string]interface{}{"params": params}
	} else {
		// REST: payload = query string + body, no separator between them.
		query, body := join(c.Query, encode), join(c.Body, encode)
		sig, err := sign(c, query+body)
		if err != nil {
			fail(err)
		}
		if c.KeyType != "HMAC" {
			sig = encode(sig) // base64 holds '+', '/', '=': percent-encode it too
		}
		if body != "" { // the signature goes last in the body, or else in the query
			body += "&signature=" + sig
		} else if query != "" {
			query += "&signature=" + sig
		} else {
			query = "signature=" + sig
		}
		answer = map[string]string{"query": query, "body": body}
	}
	out := json.NewEncoder(os.Stdout)
	out.SetEscapeHTML(false)
	out.Encode(answer)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "sign.go:", err)
	os.Exit(1)
}
