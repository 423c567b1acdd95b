// Run by hand: npx tsx scripts/resend-kitchen-alert.ts <restaurant-id>
import { alertKitchenStaff } from "../app/actions/kitchen-alerts";

alertKitchenStaff(process.argv[2], "Resent by support").then((r) => console.log(r.sent));
