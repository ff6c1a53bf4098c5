import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Directory } from '../seed/directory.js';
import { ApiError } from './errors.js';

/** Requires `Authorization: Bearer <API key of a seeded client>`; else 401 `{ code, message }`. */
export function requireApiKey(directory: Directory): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match?.[1] === undefined || directory.clientByApiKey(match[1]) === undefined) {
      next(new ApiError(401, 'unauthorized', 'Unauthorized'));
      return;
    }
    next();
  };
}
