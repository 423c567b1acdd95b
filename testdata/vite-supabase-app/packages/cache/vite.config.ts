// Library build and vitest setup for the cache package: no index.html, not a browser app.
import { defineConfig } from "vite";

export default defineConfig({
  build: { lib: { entry: "src/client.ts", formats: ["es"] } },
  test: { environment: "node" },
});
