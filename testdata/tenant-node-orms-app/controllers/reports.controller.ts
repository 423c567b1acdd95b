import { Controller, Get } from "@nestjs/common";
import { AppDataSource } from "../data-source";
import { Document } from "../entities/document";

// NestJS calls a controller's handlers through their decorators, never by name: no code
// naming `published` is no sign that nothing serves it
@Controller("reports")
export class ReportsController {
  @Get("published")
  published() {
    return AppDataSource.getRepository(Document).findBy({ status: "published" }); // expect: tenant/missing-org-filter
  }
}
