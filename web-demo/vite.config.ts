import { defineConfig } from 'vite';

/**
 * The demo builds into the server's wwwroot (served at `/`). During `npm run dev`, API and hub calls
 * go to a running server: COLLABDOCS_SERVER (default http://localhost:5000).
 */
const server = process.env['COLLABDOCS_SERVER'] ?? 'http://localhost:5000';

export default defineConfig({
  base: './',
  // @collabdocs/client is a linked `file:` package: its peer dependency must come from this app.
  resolve: { dedupe: ['@microsoft/signalr'] },
  build: {
    outDir: '../src/CollabDocs.Server/wwwroot',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: true },
      '/hubs': { target: server, changeOrigin: true, ws: true },
    },
  },
});
