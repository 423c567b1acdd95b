import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
} from "sequelize";
import { sequelize } from "./index";

export interface InvoiceModel
  extends Model<InferAttributes<InvoiceModel>, InferCreationAttributes<InvoiceModel>> {
  id: CreationOptional<string>;
  organizationId: string;
  customerId: string;
  number: string;
  amountCents: number;
  currency: CreationOptional<string>;
  status: CreationOptional<"draft" | "open" | "paid" | "void">;
  dueDate: string;
  paidAt: Date | null;
}

export const Invoice = sequelize.define<InvoiceModel>(
  "Invoice",
  {
    id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true },
    organizationId: DataTypes.UUID,
    customerId: DataTypes.UUID,
    number: { type: DataTypes.STRING, allowNull: false },
    amountCents: { type: DataTypes.INTEGER, allowNull: false },
    currency: { type: DataTypes.STRING(3), defaultValue: "usd" },
    status: { type: DataTypes.STRING, defaultValue: "draft" },
    dueDate: { type: DataTypes.DATEONLY, allowNull: false },
    paidAt: { type: DataTypes.DATE, allowNull: true },
  },
  { tableName: "invoices" },
);
