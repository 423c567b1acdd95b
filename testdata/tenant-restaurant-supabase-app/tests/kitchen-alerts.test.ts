import { alertKitchenStaff } from "@/app/actions/kitchen-alerts";

test("alerts the kitchen", async () => {
  const res = await alertKitchenStaff("r-1", "hello");
  expect(res.message).toBe("hello");
});
