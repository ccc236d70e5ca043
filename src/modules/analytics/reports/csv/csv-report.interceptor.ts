import {
  applyDecorators,
  Injectable,
  SetMetadata,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { toCsv } from './csv.js';

export const CSV_REPORT = 'csvReport';

export interface CsvReportSpec {
  name: string;
  columns: readonly string[];
}

/**
 * The report answers JSON (`type`), or its `rows` as CSV (`columns` in this order) when the request
 * prefers `text/csv` in its Accept header (for reporting jobs). Documents both answers.
 */
export const CsvReport = (name: string, columns: readonly string[], type: new () => object) =>
  applyDecorators(
    SetMetadata(CSV_REPORT, { name, columns } satisfies CsvReportSpec),
    ApiExtraModels(type),
    ApiOkResponse({
      description: `The report; with \`Accept: text/csv\`, its rows as CSV (${name}_<from>_<to>.csv)`,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        'text/csv': {
          schema: {
            type: 'string',
            description: `A header line (${columns.join(',')}), then a line a row`,
          },
          example: `${columns.join(',')}\n`,
        },
      },
    }),
    UseInterceptors(CsvReportInterceptor),
  );

@Injectable()
export class CsvReportInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const report = this.reflector.get<CsvReportSpec | undefined>(CSV_REPORT, context.getHandler());
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    res.vary('Accept');
    if (!report || req.accepts(['application/json', 'text/csv']) !== 'text/csv') return next.handle();
    return next.handle().pipe(
      map((body: { from: string; to: string; rows: Record<string, unknown>[] }) => {
        res.type('text/csv; charset=utf-8');
        res.attachment(`${report.name}_${body.from}_${body.to}.csv`);
        return toCsv(report.columns, body.rows);
      }),
    );
  }
}
