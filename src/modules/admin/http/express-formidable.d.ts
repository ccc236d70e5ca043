declare module 'express-formidable' {
  import type { RequestHandler } from 'express';

  /** AdminJS's form parser: sets `req.fields` and `req.files` (formidable 1.x options). */
  export default function formidableMiddleware(options?: {
    maxFieldsSize?: number;
    maxFileSize?: number;
    maxFields?: number;
  }): RequestHandler;
}
