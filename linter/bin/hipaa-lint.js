#!/usr/bin/env node
import { main } from "../dist/linter/src/cli.js";

await main();
