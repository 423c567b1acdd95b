import "reflect-metadata";
import { DataSource } from "typeorm";
import { Document } from "./entities/document";
import { Folder } from "./entities/folder";
import { Tag } from "./entities/tag";

// Documents were added later by the "Docs" feature prompt, which chose TypeORM.
export const AppDataSource = new DataSource({
  type: "postgres",
  url: process.env.DATABASE_URL,
  entities: [Document, Folder, Tag],
  migrations: ["migrations/*.ts"],
  synchronize: false,
  logging: process.env.NODE_ENV === "development",
});
