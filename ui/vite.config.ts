import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The desktop shell loads the built files from `dist/`; the dev server is only for live development.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "safari15", outDir: "dist", emptyOutDir: true },
  test: { environment: "jsdom", include: ["src/**/*.test.ts", "src/**/*.test.tsx"] },
});
