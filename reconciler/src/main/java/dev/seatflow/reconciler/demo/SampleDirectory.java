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
 * follows (leavers, joiners, seats bought, a team joining a department), so every state shows up.
 *
 * <p>Contract v2 is in it too. Engineering is a department made of teams (groups of groups): the
 * apps team and the platform team, E5 licensed to the department. The platform team has a seat
 * pool: 6 of the E5 seats reserved for it, and no more (no borrowing). Visio has a low-seats
 * threshold, so its alert level moves from Exhausted to Ok when seats are bought.
 */
final class SampleDirectory {
    static final String TENANT = "contoso";
    static final String E3 = "M365_E3";
    static final String E5 = "M365_E5";
    static final String VISIO = "VISIO_P2";
    static final String ENGINEERING = "engineering";
    static final String APPS = "eng-apps";
    static final String PLATFORM = "eng-platform";
    static final String DATA_SCIENCE = "data-science";
    static final String PLATFORM_POOL = "platform-e5";

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

    /** The initial state: subscriptions, a pool, users, groups (engineering's teams nested in it) and group licenses. */
    List<InputEvent> initialEvents() {
        List<InputEvent> events = new ArrayList<>();
        events.add(new LicensingEvent.SubscriptionUpserted(E3, 250, SubscriptionStatus.Enabled, List.of("EXCHANGE", "TEAMS", "SHAREPOINT")));
        events.add(new LicensingEvent.SubscriptionUpserted(E5, 25, SubscriptionStatus.Enabled, List.of("EXCHANGE", "TEAMS", "DEFENDER")));
        events.add(new LicensingEvent.SubscriptionUpserted(VISIO, 4, SubscriptionStatus.Enabled, List.of("VISIO"), 2));
        events.add(new LicensingEvent.PoolUpserted(PLATFORM_POOL, E5, PLATFORM, 6, false));
        for (int i = 0; i < people.size(); i++) {
            String user = people.get(i);
            // Every 40th person lacks a usage location; every 75th is a guest.
            String location = i % 40 == 7 ? null : (i % 3 == 0 ? "DE" : "US");
            UserType type = i % 75 == 11 ? UserType.Guest : UserType.Member;
            events.add(new DirectoryEvent.UserUpserted(user, location, type));
        }
        // The department is its teams; apps joined first, so its members are ahead in line for E5.
        events.add(new DirectoryEvent.GroupSubgroupAdded(ENGINEERING, APPS));
        events.add(new DirectoryEvent.GroupSubgroupAdded(ENGINEERING, PLATFORM));
        for (int i = 0; i < people.size(); i++) {
            events.add(new DirectoryEvent.GroupMemberAdded("all-staff", people.get(i)));
            if (i % 5 == 0) {
                events.add(new DirectoryEvent.GroupMemberAdded(i % 10 == 0 ? PLATFORM : APPS, people.get(i)));
            }
            if (i % 20 == 3) {
                events.add(new DirectoryEvent.GroupMemberAdded(DATA_SCIENCE, people.get(i)));
            }
            if (i % 30 == 1) {
                events.add(new DirectoryEvent.GroupMemberAdded("design", people.get(i)));
            }
        }
        events.add(new LicensingEvent.GroupLicenseAssigned("all-staff", E3, List.of()));
        events.add(new LicensingEvent.GroupLicenseAssigned(ENGINEERING, E5, List.of("DEFENDER")));
        events.add(new LicensingEvent.GroupLicenseAssigned("design", VISIO, List.of()));
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
        // Platform engineers are every 10th person; the first ones in line hold the pool's reserved seats.
        String platformEngineer = people.get((round * 10 + 10) % people.size());
        String newHire = "new.hire" + n;
        switch ((int) (n % 8)) {
            case 0:
                return new Step(seatHolder + " leaves the company: the seats go to the first in line",
                        List.of(new DirectoryEvent.UserDeleted(seatHolder)));
            case 1:
                return new Step(newHire + " joins all-staff and the apps team: queued for E5 through engineering, "
                        + "behind earlier joiners",
                        List.of(new DirectoryEvent.UserUpserted(newHire, "US", UserType.Member),
                                new DirectoryEvent.GroupMemberAdded("all-staff", newHire),
                                new DirectoryEvent.GroupMemberAdded(APPS, newHire)));
            case 2:
                return round % 2 == 0
                        ? new Step("the data-science team joins engineering: its members queue for E5 in the team's order",
                                List.of(new DirectoryEvent.GroupSubgroupAdded(ENGINEERING, DATA_SCIENCE)))
                        : new Step("the data-science team leaves engineering: its members lose E5, freed seats go on",
                                List.of(new DirectoryEvent.GroupSubgroupRemoved(ENGINEERING, DATA_SCIENCE)));
            case 3:
                return new Step("licensing buys Visio seats for the design team: the queue is served, the alert "
                        + "goes back to Ok",
                        List.of(new LicensingEvent.SubscriptionUpserted(VISIO, 16 + 2 * round, SubscriptionStatus.Enabled,
                                List.of("VISIO"), 2)));
            case 4:
                return new Step("the tenant sets a default usage location: users blocked without one become licensable",
                        List.of(new LicensingEvent.TenantSettingsUpserted(round % 2 == 0 ? "US" : null)));
            case 5:
                return new Step(platformEngineer + " leaves the platform team: its reserved E5 seat goes to the next "
                        + "platform engineer, though apps engineers waited longer",
                        List.of(new DirectoryEvent.GroupMemberRemoved(PLATFORM, platformEngineer)));
            case 6:
                return new Step(someone + " gets Visio directly, on top of any group",
                        List.of(new LicensingEvent.UserLicenseAssigned(someone, VISIO, List.of())));
            default:
                return new Step("licensing buys 5 more E5 seats: the queue moves",
                        List.of(new LicensingEvent.SubscriptionUpserted(E5, 30 + 5 * round, SubscriptionStatus.Enabled,
                                List.of())));
        }
    }
}
