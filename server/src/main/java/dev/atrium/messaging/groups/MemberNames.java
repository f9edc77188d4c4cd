package dev.atrium.messaging.groups;

import java.util.Collection;
import java.util.Map;

/**
 * Display names of a conversation's members, shown to the other members (as a group chat shows who
 * is who even to people who are not each other's contacts). Accounts disabled or deleted are
 * missing from the result.
 */
@FunctionalInterface
public interface MemberNames {
  Map<String, String> displayNames(Collection<String> accountIds);
}
