"""The version of this source tree (the installed metadata is authoritative)."""

VERSION = "0.1.0"
