import { Module } from '@nestjs/common';
import { AuthoringController } from './authoring.controller.js';
import { AuthoringService } from './authoring.service.js';
import { CatalogController } from './catalog.controller.js';
import { CatalogService } from './catalog.service.js';

/** The course tree: public catalog and outline, staff authoring with ordering rules. */
@Module({
  controllers: [CatalogController, AuthoringController],
  providers: [CatalogService, AuthoringService],
  // The back office writes the tree through AuthoringService too (same lock, same ordering).
  exports: [CatalogService, AuthoringService],
})
export class CoursesModule {}
