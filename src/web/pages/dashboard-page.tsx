import { formatLongDay } from "../../wording/format-days.js";
import type { Dashboard } from "../../services/load-dashboard.js";
import type { PageContext } from "../page-context.js";
import { CapacityCard, OutcomesCard } from "./dashboard-work-cards.js";
import { GapsCard, UnmatchedCard } from "./dashboard-data-cards.js";
import { RunsCard } from "./dashboard-runs-card.js";
import {
  MovementsCard,
  SegmentsOverTimeCard,
  SegmentsTodayCard,
} from "./dashboard-segment-cards.js";
import { Layout } from "./layout.js";

/** How the business looks today and lately, and whether the data can be trusted. */
export function DashboardPage(props: { page: PageContext; dashboard: Dashboard }) {
  const { page, dashboard } = props;

  return (
    <Layout page={page} title="Dashboard" section="dashboard">
      <h1>
        Dashboard <span class="sub">{formatLongDay(dashboard.date)}</span>
      </h1>
      <div class="cards">
        <SegmentsTodayCard {...props} />
        <CapacityCard dashboard={dashboard} />
        <SegmentsOverTimeCard {...props} />
        <MovementsCard {...props} />
        <OutcomesCard dashboard={dashboard} />
        <GapsCard dashboard={dashboard} />
        <UnmatchedCard dashboard={dashboard} />
        <RunsCard {...props} />
      </div>
    </Layout>
  );
}
