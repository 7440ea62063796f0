#!/usr/bin/env node
"use strict";
// The bundled CLI, compiled with its build-time code cache (compile-bundle.cjs).
const { loadBundle } = require("./compile-bundle.cjs");

loadBundle((url) => import(url)).cli.main();
