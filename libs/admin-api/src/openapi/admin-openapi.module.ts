import { Controller, Get, Inject, Module, type DynamicModule } from '@nestjs/common';

const ADMIN_OPENAPI_DOCUMENT = Symbol('ADMIN_OPENAPI_DOCUMENT');

/** Serves the assembled document; public, as API documentation is. */
@Controller('admin/v1')
class AdminOpenApiController {
  constructor(@Inject(ADMIN_OPENAPI_DOCUMENT) private readonly document: object) {}

  @Get('openapi.json')
  openApi(): object {
    return this.document;
  }
}

/** GET /admin/v1/openapi.json, without authentication: `AdminOpenApiModule.register(document)`. */
@Module({})
export class AdminOpenApiModule {
  static register(document: object): DynamicModule {
    return {
      module: AdminOpenApiModule,
      controllers: [AdminOpenApiController],
      providers: [{ provide: ADMIN_OPENAPI_DOCUMENT, useValue: document }],
    };
  }
}
