/* The tools' ids (tool_types.id, content/tools.rec) and the keys of what each tool's entry
 * keeps (tool_instances.content_json; docs/tools.md, "What each entry keeps"), named once:
 * the forms (screens/tools/), their workings and the screens that read entries use these, so a
 * misspelt key does not compile instead of quietly reading nothing. */
#ifndef DT_TOOL_KEYS_H
#define DT_TOOL_KEYS_H

#define TOOL_FLOW_TRACKER "flow-tracker"
#define TOOL_FAILURE_REFRAMER "failure-reframer"
#define TOOL_BUDGET_CALCULATOR "budget-calculator"
#define TOOL_SOARED_STORY "soared-story"
#define TOOL_NETWORKING_PREP "networking-prep"
#define TOOL_JOB_PROSPECTOR "job-prospector"
#define TOOL_LIST_BUILDER "list-builder"
#define TOOL_RANKING_GRID "ranking-grid"
#define TOOL_IDEA_TREE "idea-tree"
#define TOOL_RESUME_BUILDER "resume-builder"

/* flow-tracker */
#define FLOW_DATE "date"
#define FLOW_ACTIVITY "activity"
#define FLOW_ENERGY "energy"
#define FLOW_FOCUS "focus"
#define FLOW_NOTES "notes"

/* failure-reframer */
#define REFRAME_SITUATION "situation"
#define REFRAME_FEELINGS "feelings"
#define REFRAME_LEARNED "learned"
#define REFRAME_CHANGE "change"
#define REFRAME_SILVER_LINING "silver_lining"
#define REFRAME_NEXT_STEP "next_step"
#define REFRAME_STATEMENT "reframe"

/* budget-calculator: the two expense lists are asked, but kept as one list of expenses */
#define BUDGET_INCOME_MONTHLY "income_monthly"
#define BUDGET_INCOME_YEARLY "income_yearly"
#define BUDGET_ESSENTIAL "essential" /* asked: the essential expenses' lines */
#define BUDGET_OTHER "other"         /* asked: the other expenses' lines */
#define BUDGET_TAX_RATE "tax_rate"
#define BUDGET_WALK_AWAY "walk_away"
#define BUDGET_NOTES "notes"
#define BUDGET_EXPENSES "expenses" /* kept: [{name, amount, essential}], or {line, essential} */
#define EXPENSE_NAME "name"
#define EXPENSE_AMOUNT "amount"
#define EXPENSE_ESSENTIAL "essential"
#define EXPENSE_LINE "line" /* a line kept as typed until it is put right */

/* soared-story */
#define STORY_TITLE "title"
#define STORY_KIND "kind"
#define STORY_SITUATION "situation"
#define STORY_OBSTACLE "obstacle"
#define STORY_ACTION "action"
#define STORY_RESULT "result"
#define STORY_EVALUATION "evaluation"
#define STORY_DISCOVERY "discovery"
#define STORY_SKILLS "skills"

/* networking-prep */
#define CONTACT_NAME "name"
#define CONTACT_ORGANISATION "organisation"
#define CONTACT_ROLE "role"
#define CONTACT_CONNECTION "connection"
#define CONTACT_STATUS "status"
#define CONTACT_NEXT_STEP "next_step"
#define CONTACT_NEXT_DATE "next_date"
#define CONTACT_QUESTIONS "questions"
#define CONTACT_PITCH "pitch"
#define CONTACT_NOTES "notes"

/* job-prospector */
#define PROSPECT_TITLE "title"
#define PROSPECT_EMPLOYER "employer"
#define PROSPECT_FIELD "field"
#define PROSPECT_ABOUT "about"
#define PROSPECT_DRAWS "draws"
#define PROSPECT_HAVE "have"
#define PROSPECT_LACK "lack"
#define PROSPECT_FIT "fit"
#define PROSPECT_STATUS "status"
#define PROSPECT_FOLLOW_UP "follow_up"

/* list-builder */
#define LIST_TITLE "title"
#define LIST_ITEMS "items"

/* ranking-grid: the answers are kept by the items' text */
#define RANKING_TITLE "title"
#define RANKING_ITEMS "items"
#define RANKING_CHOICES "choices" /* [{better, worse}] */
#define RANKING_ORDER "order"     /* set once the ranking is complete */
#define CHOICE_BETTER "better"
#define CHOICE_WORSE "worse"

/* idea-tree: {root, ideas: [{idea, ideas: [...]}]} */
#define IDEA_ROOT "root"
#define IDEA_IDEAS "ideas"
#define IDEA_TEXT "idea"

/* resume-builder */
#define RESUME_NAME "name"
#define RESUME_HEADLINE "headline"
#define RESUME_EMAIL "email"
#define RESUME_PHONE "phone"
#define RESUME_LOCATION "location"
#define RESUME_LINKS "links"
#define RESUME_SUMMARY "summary"
#define RESUME_EXPERIENCE "experience" /* kept: [{role, organisation, dates, achievements}] */
#define RESUME_EDUCATION "education"
#define RESUME_SKILLS "skills"
#define RESUME_STORY_IDS "stories" /* the SOARED stories shown as highlights, by id */
#define ROLE_TITLE "role"
#define ROLE_ORGANISATION "organisation"
#define ROLE_DATES "dates"
#define ROLE_ACHIEVEMENTS "achievements"

#endif
