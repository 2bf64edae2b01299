// Realistic Chinese CRM data for the 查 benchmark, generated deterministically (seeded)
// and loaded with bulk INSERT … SELECT FROM unnest(…) in chunks: teams, managers, reps, an
// admin, customers (city + brand + industry + legal form, e.g. 深圳市腾达科技有限公司), one
// or two contacts each with mobiles, and leads.
import { randomUUID } from "node:crypto";
import type { Database } from "../../src/db/database.ts";
import { normalizeCompany } from "../../src/crm/customers/company-match.ts";
import { initialsOf } from "../../src/util/pinyin.ts";
import { seededRandom } from "../../src/util/seeded-random.ts";

const CITIES = ["北京", "上海", "深圳市", "广州", "杭州", "成都", "武汉", "南京", "苏州", "重庆", "西安", "天津", "长沙", "郑州", "青岛", "厦门", "宁波", "合肥", "济南", "福州", "东莞", "佛山", "无锡", "昆明", "大连", "沈阳", "哈尔滨", "石家庄", "南昌", "贵阳"];
const BRAND_CHARS = [..."华腾达新中宏金盛泰安信通和瑞恒丰兴远鑫源创博海天利嘉康美联明光辉永正亿凯德润卓越晨星阳科智云数通汇众万鼎佳宇鸿昌隆浩晟锦鹏飞"];
const INDUSTRIES = ["科技", "信息技术", "网络科技", "软件", "电子", "机械", "医疗器械", "生物科技", "物流", "贸易", "建设工程", "新能源", "食品", "教育科技", "文化传媒", "环保科技", "汽车零部件", "化工", "服饰", "智能装备"];
const FORMS = ["有限公司", "股份有限公司", "有限责任公司", "集团有限公司"];
const INDUSTRY_TAGS = ["制造业", "互联网", "医疗", "教育", "零售", "金融", "物流", "能源"];
const TAGS = ["重点", "年底采购", "老客户", "价格敏感", "转介绍", "冷淡"];
const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"];
const GIVEN = [..."伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉红建国志文斌宇浩凯婷雪琳晨欣悦"];
const DIGITS = [..."3456789"];
const TITLES = ["采购经理", "IT总监", "总经理", "财务主管", "技术负责人", "行政主管", "副总裁", "运营经理"];
const LEVELS = ["重点", "普通", "潜在"];
const SOURCES = ["官网表单", "广告投放", "展会", "转介绍", "公众号", "电话咨询"];

export const picker =
  (rand: () => number) =>
  <T>(xs: readonly T[]): T =>
    xs[Math.floor(rand() * xs.length)]!;

const memo = new Map<string, string>();
const initials = (part: string): string => {
  let v = memo.get(part);
  if (v === undefined) memo.set(part, (v = initialsOf(part)));
  return v;
};

export interface Staff {
  adminId: string;
  managerIds: string[];
  repIds: string[];
  /** The team of each rep (index into managerIds). */
  repTeam: number[];
}

/** A loaded customer the query mix may ask for, in the parts its name was made of. */
export interface SampleCustomer {
  name: string;
  city: string;
  brand: string;
  industry: string;
  ownerId: string | null;
  contacts: Array<{ name: string; phone: string }>;
}

export interface LoadedData {
  staff: Staff;
  customers: number;
  contacts: number;
  leads: number;
  /** About 5000 of the customers, for the query mix. */
  sample: SampleCustomer[];
}

const SAMPLE_SIZE = 5_000;

const CHUNK = 5_000;

async function insertChunks(db: Database, sql: string, columns: unknown[][]): Promise<void> {
  const n = columns[0]!.length;
  for (let i = 0; i < n; i += CHUNK) await db.query(sql, columns.map((c) => c.slice(i, i + CHUNK)));
}

async function loadStaff(db: Database, teams: number, repsPerTeam: number): Promise<Staff> {
  const staff: Staff = { adminId: randomUUID(), managerIds: [], repIds: [], repTeam: [] };
  const ids: string[] = [staff.adminId];
  const wecom: string[] = ["bench_admin"];
  const roles: string[] = ["admin"];
  const teamIds: (string | null)[] = [null];
  const managerOf: (string | null)[] = [null];
  for (let t = 0; t < teams; t++) {
    const teamId = randomUUID();
    await db.query("INSERT INTO teams (id, name) VALUES ($1, $2)", [teamId, `销售${t + 1}组`]);
    const managerId = randomUUID();
    staff.managerIds.push(managerId);
    ids.push(managerId), wecom.push(`bench_manager_${t}`), roles.push("manager"), teamIds.push(teamId), managerOf.push(null);
    for (let r = 0; r < repsPerTeam; r++) {
      const repId = randomUUID();
      staff.repIds.push(repId);
      staff.repTeam.push(t);
      ids.push(repId), wecom.push(`bench_rep_${t}_${r}`), roles.push("rep"), teamIds.push(teamId), managerOf.push(managerId);
    }
  }
  await db.query(
    `INSERT INTO users (id, wecom_user_id, role, team_id, manager_id)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]::"Role"[], $4::uuid[], $5::uuid[])`,
    [ids, wecom, roles, teamIds, managerOf],
  );
  return staff;
}

/** Runs a bulk load with the search indexes dropped, then builds them again: far faster
 * than maintaining GIN indexes row by row. Their definitions are read back from the
 * database, so they are exactly what the migration created. */
async function withoutSearchIndexes<T>(db: Database, load: () => Promise<T>): Promise<T> {
  const defs = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexdef ~ '(search_bigrams|reverse)\\(|text_pattern_ops'`,
  );
  for (const d of defs) await db.query(`DROP INDEX "${d.indexname}"`);
  const result = await load();
  for (const d of defs) await db.query(d.indexdef);
  return result;
}

/** Loads `customers` customers (5% in the public pool), 1–2 contacts each, and `leads` leads. */
export async function loadCrmData(db: Database, o: { customers: number; leads: number; seed: number }): Promise<LoadedData> {
  const data = await withoutSearchIndexes(db, () => load(db, o));
  // PostgreSQL's autovacuum would do this soon after such a load; PGlite has none.
  for (const t of ["users", "customers", "contacts", "leads"]) await db.query(`ANALYZE ${t}`);
  return data;
}

async function load(db: Database, o: { customers: number; leads: number; seed: number }): Promise<LoadedData> {
  const rand = seededRandom(o.seed);
  const pick = picker(rand);
  const staff = await loadStaff(db, 5, 10);
  const now = new Date();
  const usedKeys = new Set<string>();
  const usedPhones = new Set<string>();
  const phone = (): string => {
    for (;;) {
      const p = `1${pick(DIGITS)}${String(Math.floor(rand() * 1e9)).padStart(9, "0")}`;
      if (!usedPhones.has(p)) return usedPhones.add(p), p;
    }
  };
  const person = (): [string, string] => {
    const s = pick(SURNAMES);
    const g = rand() < 0.6 ? pick(GIVEN) + pick(GIVEN) : pick(GIVEN);
    return [s + g, initials(s) + initials(g)];
  };
  const cu = { id: [] as string[], name: [] as string[], key: [] as string[], ini: [] as string[], level: [] as (string | null)[], industry: [] as string[], tags: [] as string[], owner: [] as (string | null)[], region: [] as string[], last: [] as Date[] };
  const co = { id: [] as string[], customer: [] as string[], name: [] as string[], ini: [] as string[], phone: [] as string[], title: [] as string[] };
  const sample: SampleCustomer[] = [];
  const sampleEvery = Math.max(1, Math.floor(o.customers / SAMPLE_SIZE));
  while (cu.id.length < o.customers) {
    const city = pick(CITIES);
    const brand = pick(BRAND_CHARS) + pick(BRAND_CHARS);
    const industry = pick(INDUSTRIES);
    const name = `${city}${brand}${industry}${pick(FORMS)}`;
    const key = normalizeCompany(name);
    if (usedKeys.has(key)) continue;
    usedKeys.add(key);
    const id = randomUUID();
    const owner = rand() < 0.05 ? null : pick(staff.repIds);
    cu.id.push(id), cu.name.push(name), cu.key.push(key), cu.ini.push(initials(city) + initials(brand) + initials(industry) + initials("有限公司"));
    cu.level.push(rand() < 0.3 ? null : pick(LEVELS)), cu.industry.push(pick(INDUSTRY_TAGS)), cu.tags.push(rand() < 0.5 ? pick(TAGS) : "");
    cu.owner.push(owner), cu.region.push(city.replace(/市$/, "")), cu.last.push(new Date(now.getTime() - Math.floor(rand() * 60) * 86_400_000));
    const sampled: SampleCustomer | null = cu.id.length % sampleEvery === 0 ? { name, city, brand, industry, ownerId: owner, contacts: [] } : null;
    if (sampled) sample.push(sampled);
    for (let k = rand() < 0.5 ? 1 : 2; k > 0; k--) {
      const [cname, cini] = person();
      const p = phone();
      co.id.push(randomUUID()), co.customer.push(id), co.name.push(cname), co.ini.push(cini), co.phone.push(p), co.title.push(pick(TITLES));
      sampled?.contacts.push({ name: cname, phone: p });
    }
  }
  await insertChunks(
    db,
    `INSERT INTO customers (id, name, name_key, initials, level, industry, tags, owner_id, owned_since, pooled_at, region, last_follow_up_at, created_at, updated_at)
     SELECT id, name, key, ini, level, industry, CASE WHEN tag = '' THEN '{}'::text[] ELSE ARRAY[tag] END, owner,
            CASE WHEN owner IS NULL THEN NULL ELSE last END, CASE WHEN owner IS NULL THEN last END, region, last, last, last
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::text[], $10::timestamptz[])
       AS t(id, name, key, ini, level, industry, tag, owner, region, last)`,
    [cu.id, cu.name, cu.key, cu.ini, cu.level, cu.industry, cu.tags, cu.owner, cu.region, cu.last],
  );
  await insertChunks(
    db,
    `INSERT INTO contacts (id, customer_id, name, initials, phone, title)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    [co.id, co.customer, co.name, co.ini, co.phone, co.title],
  );
  const le = { name: [] as string[], phone: [] as string[], company: [] as string[], source: [] as string[], owner: [] as string[] };
  for (let i = 0; i < o.leads; i++) {
    le.name.push(person()[0]), le.phone.push(phone()), le.company.push(`${pick(CITIES)}${pick(BRAND_CHARS)}${pick(BRAND_CHARS)}${pick(INDUSTRIES)}有限公司`);
    le.source.push(pick(SOURCES)), le.owner.push(pick(staff.repIds));
  }
  await insertChunks(
    db,
    `INSERT INTO leads (name, phone, company, source, owner_id, score, grade)
     SELECT name, phone, company, source, owner, 50, 'B' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[]) AS t(name, phone, company, source, owner)`,
    [le.name, le.phone, le.company, le.source, le.owner],
  );
  return { staff, customers: cu.id.length, contacts: co.id.length, leads: o.leads, sample };
}
