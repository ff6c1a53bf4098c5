import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';

import express, { type Router } from 'express';

import { sendError } from '../http/errors.js';

/**
 * Angular's hashed output: `main-6UZOSEZP.js`, `chunk-Bh5-kiQk.js`, `styles-YANJXIZT.css`, media.
 * The 8-character hash is base64url-like and has at least one digit or capital, which keeps plain
 * names such as `apple-touch-icon.png` out.
 */
const HASHED_ASSET = /-(?=[A-Za-z0-9_-]{0,7}[A-Z0-9])[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

/**
 * Serves the admin-spa build: hashed assets `immutable` for a year, `index.html` `no-store`, and
 * the SPA fallback (index.html) for GET/HEAD navigations that are not under `/api` or `/auth` and
 * do not name a file. A missing file with an extension is a 404, not the app shell.
 */
export function createSpaRouter(distDir: string): Router {
  const router = express.Router();
  const indexFile = join(distDir, 'index.html');

  router.use(
    express.static(distDir, {
      index: false,
      redirect: false,
      dotfiles: 'ignore',
      fallthrough: true,
      setHeaders: (res, path) => {
        if (path.endsWith('index.html')) res.setHeader('Cache-Control', 'no-store');
        else if (HASHED_ASSET.test(basename(path)))
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        else res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );

  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (/^\/(api|auth)(\/|$)/.test(req.path)) return next();
    if (/\.[A-Za-z0-9]+$/.test(req.path)) return sendError(res, 404, 'not_found');
    if (!existsSync(indexFile)) return sendError(res, 404, 'not_found');
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile(indexFile, (err) => {
      if (err && !res.headersSent) sendError(res, 404, 'not_found');
    });
  });
  return router;
}
