import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Paths are resolved from this file so `--config web/vite.config.ts` works from any directory.
const webRoot = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${webRoot}dist`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        // React in one stable chunk (a page change does not bust it); ECharts in one chunk loaded
        // only by the pages that draw charts. antd splits per component, so the login page and
        // the shell load only what they use (about a third less than one antd chunk).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|@tanstack)[\\/]/, priority: 30 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    host: '127.0.0.1',
    // `npm run dev:web` next to `npm start` (API on 8080): same-origin cookies through the proxy.
    proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
  },
});
