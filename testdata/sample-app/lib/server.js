const express = require("express");
const cors = require("cors");

const app = express();
app.use(cors({ origin: "*", credentials: true })); // expect: auth/cors-wildcard-credentials
app.use("/public", cors({ origin: "*" })); // ok: auth/cors-wildcard-credentials

module.exports = app;
