#!/bin/sh
# Builds the Rust signer (signers/rust/src/main.rs) once, then runs it on one case:
#   make conformance CMD='sh signers/rust.sh'
# Offline, with Debian's crates (signers/rust/.cargo/config.toml); the binary goes to
# build/rust/. Cargo locks its build directory, so concurrent cases wait for one build.
set -e
cd "$(dirname "$0")/rust"
export CARGO_TARGET_DIR=../../build/rust  # as in .cargo/config.toml, whatever the environment says
cargo build --offline --release -q
exec ../../build/rust/release/binance-signer
