import { Injectable, RequestMethod, type OnModuleInit, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModuleRef } from '@nestjs/core';
import { createValidationPipe } from '../../../common/validation/validation.js';
import { CSV_REPORT, REPORT_CONTROLLERS, type CsvReportSpec } from '../reports/index.js';
import { defined } from '../../../common/assert/defined.js';

export interface CatalogReport {
  /** `<dashboard>/<report>`, as in the route `/analytics/reports/<dashboard>/<report>`. */
  name: string;
  columns: readonly string[];
  /** Validates the query as the route does (400 naming the field), without running the report. */
  check(query: Record<string, string>): Promise<void>;
  /** Validates the query and answers the report. */
  run(query: Record<string, string>): Promise<ReportAnswer>;
}

export interface ReportAnswer {
  from: string;
  to: string;
  rows: Record<string, unknown>[];
  totals?: Record<string, unknown>;
}

type Handler = (query: unknown) => Promise<ReportAnswer>;

/**
 * Every report with a CSV form, found on the report controllers themselves (route, query DTO,
 * columns), so scheduled deliveries answer exactly what `GET /analytics/reports/…` answers and a
 * new report is deliverable without being listed twice.
 */
@Injectable()
export class ReportCatalog implements OnModuleInit {
  private readonly reports = new Map<string, CatalogReport>();

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const controller of REPORT_CONTROLLERS as Type[]) {
      const base = String(Reflect.getMetadata(PATH_METADATA, controller)).replace(
        /^analytics\/reports\//,
        '',
      );
      const instance = this.moduleRef.get<unknown, Record<string, Handler>>(controller, { strict: false });
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[method] as Handler;
        const csv = Reflect.getMetadata(CSV_REPORT, handler) as CsvReportSpec | undefined;
        if (!csv || Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET) continue;
        const name = `${base}/${String(Reflect.getMetadata(PATH_METADATA, handler))}`;
        const [dto] = Reflect.getMetadata('design:paramtypes', controller.prototype, method) as Type[];
        const query = defined(dto, `the query DTO (first parameter) of CSV report ${name}`);
        const run = defined(instance[method], `${controller.name}.${method} on the controller instance`);
        this.reports.set(name, {
          name,
          columns: csv.columns,
          check: async (raw) => void (await validQuery(query, raw)),
          run: async (raw) => run.call(instance, await validQuery(query, raw)),
        });
      }
    }
  }

  names(): string[] {
    return [...this.reports.keys()].sort();
  }

  get(name: string): CatalogReport | undefined {
    return this.reports.get(name);
  }
}

/** The query as the route receives it: the app's own validation pipe (400 naming the field). */
const pipe = createValidationPipe();
const validQuery = (dto: Type, query: Record<string, string>): Promise<unknown> =>
  Promise.resolve(pipe.transform(query, { type: 'query', metatype: dto }));
