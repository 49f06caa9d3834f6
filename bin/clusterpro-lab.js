#!/usr/bin/env node
require("../dist/sim/cli.js").main(process.argv.slice(2)).then((code) => { if (code !== undefined) process.exitCode = code; });
