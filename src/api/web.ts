import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build:web` (vite build) writes the web app. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface WebRoutesOptions {
  /** The built web app; defaults to web/dist. */
  distDir?: string;
}

const NOT_BUILT_MESSAGE = 'The web app has not been built: run `npm run build:web` (or `npm start`, which builds it first). The API is served at /api/v1.';

function notBuilt(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.status(503).header('cache-control', 'no-store').header('retry-after', '30');
  if ((request.headers.accept ?? '').includes('text/html')) {
    return reply.type('text/html; charset=utf-8').send(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Refuge: web app not built</title></head>'
      + '<body><main><h1>The web app has not been built</h1><p>Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it first), then reload this page.</p>'
      + '<p>The API is served at <a href="/api/v1/openapi.json">/api/v1</a>.</p></main></body></html>',
    );
  }
  return reply.send({ code: 'web_app_not_built', message: NOT_BUILT_MESSAGE, errors: [], requestId: request.id });
}

/**
 * Serves the built web app (web/dist) at `/`: files as they are (hashed assets cached for a year),
 * and index.html for every other GET that is not under /api, so client-side routes survive a reload.
 * Register it on the root app after the API: its wildcard route never shadows a declared route.
 */
export const webRoutes: FastifyPluginAsync<WebRoutesOptions> = async (app, options) => {
  const root = normalize(options.distDir ?? WEB_DIST_DIR);
  await app.register(fastifyStatic, { root, serve: false, decorateReply: true });

  const isFile = (rel: string): boolean => {
    const full = normalize(join(root, rel));
    if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return false;
    try {
      return statSync(full).isFile();
    } catch {
      return false;
    }
  };

  app.get('/*', { schema: { hide: true }, config: { access: { public: true } } }, async (request, reply) => {
    let path: string;
    try {
      path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    } catch {
      path = '/';
    }
    if (path === '/api' || path.startsWith('/api/')) {
      return reply.status(404).send({
        code: 'route_not_found', message: `There is no ${request.method} ${path} in this API.`, errors: [], requestId: request.id,
      });
    }
    if (!existsSync(join(root, 'index.html'))) return notBuilt(request, reply);
    const rel = path.replace(/^\/+/, '');
    if (rel !== '' && rel !== 'index.html' && isFile(rel)) {
      const immutable = rel.startsWith('assets/');
      return reply.sendFile(rel, { maxAge: immutable ? 365 * 24 * 3600 * 1000 : 0, immutable, dotfiles: 'deny' });
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', { maxAge: 0, cacheControl: false });
  });
};
