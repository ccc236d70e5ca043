import type { NextFunction, Request, Response } from 'express';

// A small icon of our own (a book in the platform's colour), inline so nothing is read from disk.
const ICON = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">' +
    '<rect width="16" height="16" rx="3" fill="#3040d6"/>' +
    '<path d="M4 4h3.5c.3 0 .5.2.5.5V12H4.5a.5.5 0 0 1-.5-.5zM12 4H8.5c-.3 0-.5.2-.5.5V12h3.5a.5.5 0 0 0 .5-.5z" fill="#fff"/>' +
    '</svg>',
);

/**
 * Answers `/favicon.ico` (browsers ask for it on every back-office and docs page) with our icon,
 * cached for a day, instead of a 404 that the exception filter logs as a warning each time.
 */
export function favicon(req: Request, res: Response, next: NextFunction): void {
  if (req.path !== '/favicon.ico' || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
  res.set({ 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' });
  res.status(200).end(req.method === 'HEAD' ? undefined : ICON);
}
