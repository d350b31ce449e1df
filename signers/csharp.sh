#!/bin/sh
# Compile signers/Sign.cs once (again only when it is newer than the build) and run it
# on Mono. From the repository root:
#   make conformance CMD='sh signers/csharp.sh'
# Needs Debian's mono-mcs and libmono-system-web-extensions4.0-cil.
set -e
exe=build/signers/Sign.exe
if [ ! -f "$exe" ] || [ signers/Sign.cs -nt "$exe" ]; then
    mkdir -p build/signers
    # Cases run in parallel: compile to a file of our own, then rename it into place.
    tmp=$(mktemp build/signers/Sign.XXXXXX.exe)
    mcs -nologo -r:System.Web.Extensions.dll -out:"$tmp" signers/Sign.cs >&2 || { rm -f "$tmp"; exit 1; }
    mv -f "$tmp" "$exe"
fi
exec mono "$exe"
