package dev.atrium.messaging.groups;

/** Admins change a group's membership, name and roles; members talk. */
public enum MemberRole {
  ADMIN,
  MEMBER
}
