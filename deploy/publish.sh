#!/usr/bin/env bash
# Generic publishing: check the data, build site/, and copy it to a web server or object storage.
#   deploy/publish.sh /var/www/dangjian            a folder served by nginx/Apache (local or mounted; swapped in whole)
#   deploy/publish.sh user@host:/var/www/dangjian   over SSH (needs rsync)
#   deploy/publish.sh s3://bucket/path              S3-compatible storage behind a CDN (aws CLI;
#                                                   for Aliyun OSS or Tencent COS use their S3 endpoint)
# Run it from a git checkout (the history dates each board and makes the change log).
# A failed check or build publishes nothing: the build leaves site/ as it was and stops here. Built into
# site/, as `make build` does: a page that did not change is kept from the last site, not rendered again.
set -euo pipefail
target="${1:?用法 / usage: deploy/publish.sh TARGET（文件夹、user@host:/path 或 s3://bucket/path）}"
cd "$(dirname "$0")/.."
python=".venv/bin/python"; [ -x "$python" ] || python=python3
export NO_MKDOCS_2_WARNING=1
"$python" -m noticeboard validate data
out="site"
"$python" -m mkdocs build --strict --quiet -d "$out"
case "$target" in
  s3://*) aws s3 sync --delete "$out/" "$target/" ;;
  *:*) rsync -a --delete "$out/" "$target/" ;;
  *) # a local folder: put the new site next to it, then swap, so readers never see half a site
     parent="$(dirname "$target")"; mkdir -p "$parent"
     rm -rf "$target.new" "$target.old"; cp -a "$out" "$target.new"
     if [ -e "$target" ]; then mv "$target" "$target.old"; fi
     mv "$target.new" "$target"; rm -rf "$target.old" ;;
esac
echo "已发布到 $target / published to $target"
