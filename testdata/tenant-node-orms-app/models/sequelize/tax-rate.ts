import { DataTypes, Model, type InferAttributes, type InferCreationAttributes } from "sequelize";
import { sequelize } from "./index";

// Reference data loaded from the tax provider's CSV; the same for every organization.
export class TaxRate extends Model<InferAttributes<TaxRate>, InferCreationAttributes<TaxRate>> {
  declare country: string;
  declare region: string | null;
  declare ratePercent: number;
}

TaxRate.init(
  {
    country: { type: DataTypes.STRING(2), allowNull: false },
    region: { type: DataTypes.STRING, allowNull: true },
    ratePercent: { type: DataTypes.DECIMAL(5, 2), allowNull: false },
  },
  { sequelize, tableName: "tax_rates", timestamps: false },
);
