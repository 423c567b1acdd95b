import { Sequelize } from "sequelize";

// Billing lives in Postgres (the accountant asked for SQL exports); everything else is in MongoDB.
export const sequelize = new Sequelize(process.env.DATABASE_URL!, {
  dialect: "postgres",
  logging: process.env.NODE_ENV === "development" ? console.log : false,
});
