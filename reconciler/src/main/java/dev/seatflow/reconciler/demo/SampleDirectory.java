package dev.seatflow.reconciler.demo;

import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.events.LicensingEvent;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserType;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's tenant: a few hundred people in groups, SKUs with too few seats, and the story that
 * follows (leavers, joiners, seats bought, a subscription suspended), so every state shows up.
 */
final class SampleDirectory {
    static final String TENANT = "contoso";
    static final String E3 = "M365_E3";
    static final String E5 = "M365_E5";
    static final String VISIO = "VISIO_P2";

    private static final String[] FIRST = {"ava", "ben", "chloe", "dev", "emma", "finn", "grace", "hugo", "isla",
        "jack", "kai", "lena", "milo", "nora", "omar", "pia", "quinn", "ravi", "sara", "theo"};
    private static final String[] LAST = {"chen", "diaz", "evans", "fischer", "garcia", "hansen", "ito", "jones",
        "khan", "lopez", "martin", "nguyen", "okafor", "park", "rossi"};

    final List<String> people = new ArrayList<>();

    SampleDirectory() {
        for (String last : LAST) {
            for (String first : FIRST) {
                people.add(first + "." + last);
            }
        }
    }

    /** The initial state: subscriptions, users, groups and group licenses. */
    List<InputEvent> initialEvents() {
        List<InputEvent> events = new ArrayList<>();
        events.add(new LicensingEvent.SubscriptionUpserted(E3, 250, SubscriptionStatus.Enabled, List.of("EXCHANGE", "TEAMS", "SHAREPOINT")));
        events.add(new LicensingEvent.SubscriptionUpserted(E5, 25, SubscriptionStatus.Enabled, List.of("EXCHANGE", "TEAMS", "DEFENDER")));
        events.add(new LicensingEvent.SubscriptionUpserted(VISIO, 4, SubscriptionStatus.Enabled, List.of("VISIO")));
        for (int i = 0; i < people.size(); i++) {
            String user = people.get(i);
            // Every 40th person lacks a usage location; every 75th is a guest.
            String location = i % 40 == 7 ? null : (i % 3 == 0 ? "DE" : "US");
            UserType type = i % 75 == 11 ? UserType.Guest : UserType.Member;
            events.add(new DirectoryEvent.UserUpserted(user, location, type));
        }
        events.add(new LicensingEvent.GroupLicenseAssigned("all-staff", E3, List.of()));
        events.add(new LicensingEvent.GroupLicenseAssigned("engineering", E5, List.of("DEFENDER")));
        events.add(new LicensingEvent.GroupLicenseAssigned("design", VISIO, List.of()));
        for (int i = 0; i < people.size(); i++) {
            events.add(new DirectoryEvent.GroupMemberAdded("all-staff", people.get(i)));
            if (i % 5 == 0) {
                events.add(new DirectoryEvent.GroupMemberAdded("engineering", people.get(i)));
            }
            if (i % 30 == 1) {
                events.add(new DirectoryEvent.GroupMemberAdded("design", people.get(i)));
            }
        }
        return events;
    }

    /** One step of the live story: what happens, and the events that say it. */
    record Step(String headline, List<InputEvent> events) {
    }

    /** The story, step {@code n} of an endless cycle; deterministic so runs are comparable. */
    Step step(long n) {
        int round = (int) (n / 8);
        String someone = people.get((int) ((n * 37) % people.size()));
        // Early joiners hold seats, so their leaving shows a seat being handed on.
        String seatHolder = people.get((round * 7) % 200);
        String engineer = people.get((round * 15 + 5) % people.size()); // every 5th is in engineering
        String newHire = "new.hire" + n;
        switch ((int) (n % 8)) {
            case 0:
                return new Step(seatHolder + " leaves the company: the seats go to the first in line",
                        List.of(new DirectoryEvent.UserDeleted(seatHolder)));
            case 1:
                return new Step(newHire + " joins all-staff and engineering: queued behind earlier joiners",
                        List.of(new DirectoryEvent.UserUpserted(newHire, "US", UserType.Member),
                                new DirectoryEvent.GroupMemberAdded("all-staff", newHire),
                                new DirectoryEvent.GroupMemberAdded("engineering", newHire)));
            case 2:
                return new Step("licensing buys 5 more E5 seats: the queue moves",
                        List.of(new LicensingEvent.SubscriptionUpserted(E5, 30 + 5 * round, SubscriptionStatus.Enabled, List.of())));
            case 3:
                return new Step("the tenant sets a default usage location: users blocked without one become licensable",
                        List.of(new LicensingEvent.TenantSettingsUpserted(round % 2 == 0 ? "US" : null)));
            case 4:
                return new Step("the Visio subscription is suspended: its queue is blocked, held seats stay",
                        List.of(new LicensingEvent.SubscriptionUpserted(VISIO, 4, SubscriptionStatus.Suspended, List.of())));
            case 5:
                return new Step("the Visio subscription is enabled again with 6 seats",
                        List.of(new LicensingEvent.SubscriptionUpserted(VISIO, 6, SubscriptionStatus.Enabled, List.of())));
            case 6:
                return new Step(someone + " gets Visio directly, on top of any group",
                        List.of(new LicensingEvent.UserLicenseAssigned(someone, VISIO, List.of())));
            default:
                return new Step(engineer + " moves out of engineering: the E5 seat goes to the next engineer in line",
                        List.of(new DirectoryEvent.GroupMemberRemoved("engineering", engineer)));
        }
    }
}
