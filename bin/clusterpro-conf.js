#!/usr/bin/env node
require("../dist/provider/clusterpro/cli.js").main(process.argv.slice(2));
