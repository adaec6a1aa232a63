import { defineConfig } from "vite";

// The Tauri window loads the built files; no inline scripts or styles (strict CSP).
export default defineConfig({
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true, assetsInlineLimit: 0 },
  test: { environment: "happy-dom", globals: true, include: ["test/**/*.test.ts"] },
});
