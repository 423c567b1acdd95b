"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import Stripe from "stripe";
import type { Plan } from "@prisma/client";

import { createSessionToken, prisma, requireAdmin, requireSession } from "@/lib/session";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

// Settings page form.
export async function updateProfile(formData: FormData) {
  const session = await requireSession();
  await prisma.user.update({
    where: { id: session.user.id },
    data: {
      name: String(formData.get("name") ?? ""), // ok: authz/mass-assignment-role
      bio: String(formData.get("bio") ?? ""), // ok: authz/mass-assignment-role
      theme: formData.get("theme") === "dark" ? "dark" : "light",
    },
  });
  revalidatePath("/settings");
}

// The settings form was generated from the admin user form and kept its toggles.
export async function saveAccountSettings(formData: FormData) {
  const session = await requireSession();
  await prisma.user.update({
    where: { id: session.user.id },
    data: {
      name: String(formData.get("name") ?? ""),
      isAdmin: formData.get("isAdmin") === "on", // expect: authz/mass-assignment-role
    },
  });
  revalidatePath("/settings");
}

// Pricing page: "Switch plan" (payment is collected later by a cron job).
export async function choosePlan(formData: FormData) {
  const session = await requireSession();
  await prisma.user.update({ where: { id: session.user.id }, data: { plan: formData.get("plan") as Plan } }); // expect: authz/mass-assignment-role; ok: authz/missing-role-check
  redirect("/dashboard");
}

// Admin user table: "Grant lifetime" menu item.
export async function grantLifetimePlan(userId: string) {
  await requireSession();
  await prisma.user.update({ where: { id: userId }, data: { plan: "LIFETIME" } }); // expect: authz/missing-role-check
  revalidatePath("/admin/users");
}

// Admin order table: "Refund" menu item.
export async function refundOrder(orderId: string) {
  await requireAdmin();
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
  await stripe.refunds.create({ payment_intent: order.paymentIntentId }, { idempotencyKey: `refund-${order.id}` }); // ok: authz/missing-role-check
  await prisma.order.update({ where: { id: order.id }, data: { status: "REFUNDED" } });
  revalidatePath("/admin/orders");
}

// Admin user table: "Delete" menu item.
export async function deleteUser(userId: string) {
  const session = await requireSession();
  if (session.user.role !== "ADMIN") throw new Error("Forbidden");
  await prisma.user.delete({ where: { id: userId } }); // ok: authz/missing-role-check
  revalidatePath("/admin/users");
}

// Danger zone on the settings page.
export async function deleteMyAccount() {
  const session = await requireSession();
  await prisma.user.delete({ where: { id: session.user.id } }); // ok: authz/missing-role-check
  cookies().delete("session");
  redirect("/");
}

// Called after email verification so the new role shows up without logging in again.
export async function refreshSession() {
  const session = await requireSession();
  const user = await prisma.user.findUniqueOrThrow({ where: { id: session.user.id } });
  const token = await createSessionToken({ id: user.id, email: user.email, role: user.role });
  cookies().set("session", token); // expect: auth/insecure-cookie
}

export async function setLocale(locale: string) {
  cookies().set("locale", locale, { maxAge: 60 * 60 * 24 * 365 }); // ok: auth/insecure-cookie
}

// Pricing page: the plan picked here is what the customer will pay for; Stripe's
// webhook upgrades the account once the payment clears.
export async function startCheckout(formData: FormData) {
  const session = await requireSession();
  const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
  const checkout = await createPlanCheckoutSession(stripe, {
    customerEmail: session.user.email,
    plan: formData.get("plan") as Plan, // ok: authz/mass-assignment-role
  });
  redirect(checkout.url!);
}

// "Ask your data": the browser sends the SQL the model wrote; any caller can send any SQL.
export async function runReportQuery(query: string) {
  await requireSession();
  return prisma.$queryRawUnsafe(query); // expect: web/sql-injection
}

const MANAGER_ROLES = ["owner", "manager"];

// Team settings: a manager removes a member; the caller's role is checked against the list.
export async function removeTeamMember(userId: string) {
  const session = await requireSession();
  const caller = await prisma.user.findUnique({ where: { id: session.user.id } });
  if (!caller || !MANAGER_ROLES.includes(caller.role)) {
    throw new Error("Only managers can remove members");
  }
  await prisma.user.delete({ where: { id: userId } }); // ok: authz/missing-role-check
}

// The same removal, for anyone signed in.
export async function leaveAndRemove(userId: string) {
  await requireSession();
  await prisma.user.delete({ where: { id: userId } }); // expect: authz/missing-role-check
}
