import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server (src/server) listens here in development; the built app is served by it in production.
const API_TARGET = 'http://127.0.0.1:3000';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // antd alone is larger than Vite's default warning threshold; the areas are split with React.lazy.
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: {
      // Not plain '/api': the web sources under src/web/api/ must stay with the dev server.
      '^/api/(v1|docs|openapi\\.json)': API_TARGET,
      '/healthz': API_TARGET,
      '/readyz': API_TARGET,
    },
  },
});
