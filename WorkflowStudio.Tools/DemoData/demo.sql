-- WorkflowStudio demo data: a small B2B software company's sales and billing (fictional).
-- Loaded into <DataDir>/demo.db (data source 'demo') the first time a db_* tool uses it.
CREATE TABLE quarters (quarter TEXT PRIMARY KEY, ordinal INTEGER NOT NULL UNIQUE, label TEXT NOT NULL);
INSERT INTO quarters VALUES
 ('Q1_2024', 1, 'Q1 2024'), ('Q2_2024', 2, 'Q2 2024'), ('Q3_2024', 3, 'Q3 2024'), ('Q4_2024', 4, 'Q4 2024');

CREATE TABLE monthly_revenue (
    quarter TEXT NOT NULL REFERENCES quarters (quarter),
    month TEXT NOT NULL PRIMARY KEY,      -- YYYY-MM
    month_name TEXT NOT NULL,
    revenue REAL NOT NULL,                -- EUR
    target REAL NOT NULL,
    deals INTEGER NOT NULL
);
INSERT INTO monthly_revenue VALUES
 ('Q1_2024', '2024-01', 'Jan', 182400, 190000, 41), ('Q1_2024', '2024-02', 'Feb', 176900, 190000, 39), ('Q1_2024', '2024-03', 'Mar', 201300, 195000, 46),
 ('Q2_2024', '2024-04', 'Apr', 198700, 200000, 44), ('Q2_2024', '2024-05', 'May', 210450, 205000, 47), ('Q2_2024', '2024-06', 'Jun', 224800, 210000, 51),
 ('Q3_2024', '2024-07', 'Jul', 219600, 220000, 49), ('Q3_2024', '2024-08', 'Aug', 236250, 225000, 53), ('Q3_2024', '2024-09', 'Sep', 258900, 235000, 58),
 ('Q4_2024', '2024-10', 'Oct', 251300, 245000, 56), ('Q4_2024', '2024-11', 'Nov', 268750, 255000, 60), ('Q4_2024', '2024-12', 'Dec', 289400, 265000, 64);

CREATE TABLE funnel (
    quarter TEXT NOT NULL REFERENCES quarters (quarter),
    ordinal INTEGER NOT NULL,
    stage TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (quarter, ordinal)
);
INSERT INTO funnel VALUES
 ('Q1_2024', 1, 'Leads', 3120), ('Q1_2024', 2, 'Qualified', 1190), ('Q1_2024', 3, 'Demo', 540), ('Q1_2024', 4, 'Proposal', 262), ('Q1_2024', 5, 'Won', 126),
 ('Q2_2024', 1, 'Leads', 3340), ('Q2_2024', 2, 'Qualified', 1305), ('Q2_2024', 3, 'Demo', 601), ('Q2_2024', 4, 'Proposal', 288), ('Q2_2024', 5, 'Won', 142),
 ('Q3_2024', 1, 'Leads', 3580), ('Q3_2024', 2, 'Qualified', 1452), ('Q3_2024', 3, 'Demo', 688), ('Q3_2024', 4, 'Proposal', 331), ('Q3_2024', 5, 'Won', 160),
 ('Q4_2024', 1, 'Leads', 3710), ('Q4_2024', 2, 'Qualified', 1530), ('Q4_2024', 3, 'Demo', 720), ('Q4_2024', 4, 'Proposal', 352), ('Q4_2024', 5, 'Won', 180);

CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    plan TEXT NOT NULL,
    since TEXT NOT NULL,
    lifetime_value REAL NOT NULL,
    account_manager TEXT NOT NULL
);
INSERT INTO customers VALUES
 ('C-1001', 'Maria Garcia', 'maria.garcia@example.com', 'Business', '2022-03-14', 8640, 'Tom Becker'),
 ('C-1002', 'Liam Chen', 'liam.chen@example.com', 'Starter', '2023-11-02', 588, 'Ana Silva'),
 ('C-1003', 'Aisha Okafor', 'aisha.okafor@example.com', 'Enterprise', '2021-06-30', 61200, 'Tom Becker'),
 ('C-1004', 'Jonas Weber', 'jonas.weber@example.com', 'Business', '2024-01-19', 2160, 'Ana Silva');

CREATE TABLE invoices (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    amount REAL NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL,             -- paid | open | refunded
    issued_at TEXT NOT NULL,
    description TEXT NOT NULL,
    duplicate_of TEXT                 -- set when the charge repeats another invoice
);
INSERT INTO invoices VALUES
 ('INV-2024-0812', 'C-1001', 79, 'EUR', 'paid', '2024-08-01', 'Business plan, August 2024', NULL),
 ('INV-2024-0901', 'C-1001', 79, 'EUR', 'paid', '2024-09-01', 'Business plan, September 2024', NULL),
 ('INV-2024-0902', 'C-1001', 79, 'EUR', 'paid', '2024-09-01', 'Business plan, September 2024', 'INV-2024-0901'),
 ('INV-2024-0903', 'C-1002', 49, 'EUR', 'paid', '2024-09-03', 'Starter plan, September 2024', NULL),
 ('INV-2024-0904', 'C-1003', 5100, 'EUR', 'paid', '2024-09-01', 'Enterprise plan, September 2024', NULL),
 ('INV-2024-0905', 'C-1003', 5100, 'EUR', 'paid', '2024-09-02', 'Enterprise plan, September 2024', 'INV-2024-0904'),
 ('INV-2024-0906', 'C-1004', 180, 'EUR', 'open', '2024-09-05', 'Business plan, Q3 2024', NULL);

CREATE TABLE refunds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    invoice_id TEXT NOT NULL UNIQUE REFERENCES invoices (id),
    customer_id TEXT NOT NULL REFERENCES customers (id),
    amount REAL NOT NULL,
    reason TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE support_tickets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id TEXT REFERENCES customers (id),
    subject TEXT NOT NULL,
    priority TEXT NOT NULL,
    status TEXT NOT NULL,
    opened_at TEXT NOT NULL
);
INSERT INTO support_tickets (customer_id, subject, priority, status, opened_at) VALUES
 ('C-1001', 'Cannot export invoices as CSV', 'normal', 'closed', '2024-05-12'),
 ('C-1003', 'SSO login loop', 'high', 'closed', '2024-07-22');
