"""The live compose suite: real compose binaries against real daemons, and their vectors."""
