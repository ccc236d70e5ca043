import type { NextFunction, Request, Response } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing back-office requests sent by another site (CSRF), on top of the
 * SameSite=Lax cookie: `Origin` must name this host; without it, `Referer`; without either,
 * `Sec-Fetch-Site` must be same-origin (or none: typed by the user). A request with none of the
 * three comes from a non-browser client (no ambient cookies to abuse) and passes.
 */
export function sameOriginOnly(req: Request, res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method)) return next();
  const host = req.get('host');
  const origin = req.get('origin');
  const referer = req.get('referer');
  const fetchSite = req.get('sec-fetch-site');
  let allowed: boolean;
  if (origin !== undefined) allowed = hostOf(origin) === host;
  else if (referer !== undefined) allowed = hostOf(referer) === host;
  else if (fetchSite !== undefined) allowed = fetchSite === 'same-origin' || fetchSite === 'none';
  else allowed = true;
  if (allowed) return next();
  res.status(403).json({
    statusCode: 403,
    error: 'cross_site_request',
    message: 'The back office refuses state-changing requests from other sites',
    requestId: res.getHeader('x-request-id'),
  });
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
