#!/usr/bin/env bash
# Writes a package's /usr/share/doc files (copyright, changelog.gz) into $1.
# Usage: doc-files.sh OUT-DIR PACKAGE VERSION. gzip -n: no name or time stamp inside.
set -euo pipefail
out=$1 package=$2 version=$3
rm -rf "$out" && mkdir -p "$out"
cat > "$out/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: counterline
Source: the Counterline repository

Files: *
Copyright: 2026 Counterline developers
License: proprietary
 Counterline is distributed to its branches under the terms agreed with them.
 The bundled libraries in /usr/share/counterline/*/lib keep their own licences
 (Apache-2.0, EPL-2.0, MIT, GPL-2.0 with the Classpath exception).
COPYRIGHT
printf '%s (%s) stable; urgency=medium\n\n  * Built by ./mvnw -pl deploy -am package.\n\n -- Counterline <dev@counterline.invalid>  Sat, 05 Dec 2026 12:00:00 +0000\n' \
  "$package" "$version" | gzip -9n > "$out/changelog.gz"
