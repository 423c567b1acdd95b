import "reflect-metadata";
import { Container } from "typedi";
import { useContainer } from "typeorm";
import { app } from "./app";
import { AppDataSource } from "./data-source";
import { connectMongo } from "./db/mongo";
import { sequelize } from "./models/sequelize";

useContainer(Container);

async function main() {
  await connectMongo();
  await sequelize.authenticate();
  await AppDataSource.initialize();

  const port = Number(process.env.PORT ?? 4000);
  app.listen(port, () => {
    console.log(`teamdesk-api listening on :${port}`);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
