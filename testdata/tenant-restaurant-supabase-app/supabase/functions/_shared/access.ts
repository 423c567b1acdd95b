// Throws unless the user is on the staff of the restaurant.
export async function assertStaffOf(
  admin: { from: (table: string) => any },
  userId: string,
  restaurantId: string,
): Promise<void> {
  const { data } = await admin
    .from("restaurant_staff")
    .select("id")
    .eq("user_id", userId)
    .eq("restaurant_id", restaurantId)
    .maybeSingle();
  if (!data) throw new Response("forbidden", { status: 403 });
}
