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

-- Gallery data (docs/templates.md): more customers and their billing, leads, product usage, plans, services.
INSERT INTO customers VALUES
 ('C-1005', 'Noah Fischer', 'noah.fischer@example.com', 'Business', '2023-04-11', 2844, 'Ana Silva'),
 ('C-1006', 'Sofia Rossi', 'sofia.rossi@example.com', 'Enterprise', '2022-09-01', 40800, 'Tom Becker'),
 ('C-1007', 'Kenji Tanaka', 'kenji.tanaka@example.com', 'Starter', '2024-06-20', 196, 'Ana Silva');
INSERT INTO invoices VALUES
 ('INV-2024-0820', 'C-1005', 237, 'EUR', 'open', '2024-08-15', 'Business plan, Q3 2024 (3 seats)', NULL),
 ('INV-2024-0821', 'C-1006', 5100, 'EUR', 'paid', '2024-08-01', 'Enterprise plan, August 2024', NULL),
 ('INV-2024-0822', 'C-1006', 1200, 'EUR', 'open', '2024-07-20', 'Onboarding workshop', NULL),
 ('INV-2024-0823', 'C-1007', 49, 'EUR', 'paid', '2024-08-20', 'Starter plan, August 2024', NULL),
 ('INV-2024-0907', 'C-1007', 49, 'EUR', 'open', '2024-09-20', 'Starter plan, September 2024', NULL);
INSERT INTO refunds (invoice_id, customer_id, amount, reason, approved_by, created_at) VALUES
 ('INV-2024-0821', 'C-1006', 850, 'Service credit for the July outage', 'auto-approve policy', '2024-08-12T10:00:00Z'),
 ('INV-2024-0823', 'C-1007', 49, 'Cancelled within the trial period', 'Ana Silva', '2024-08-22T09:30:00Z');
INSERT INTO support_tickets (customer_id, subject, priority, status, opened_at) VALUES
 ('C-1006', 'Dashboards load slowly since the update', 'high', 'open', '2024-09-18'),
 ('C-1006', 'Export to PDF cuts the last column', 'normal', 'open', '2024-09-25'),
 ('C-1005', 'How do I add a seat?', 'low', 'open', '2024-09-27'),
 ('C-1002', 'Invoice address change', 'normal', 'open', '2024-09-29');

CREATE TABLE plans (plan TEXT PRIMARY KEY, monthly_price REAL NOT NULL, currency TEXT NOT NULL, seats INTEGER NOT NULL);
INSERT INTO plans VALUES ('Starter', 49, 'EUR', 3), ('Business', 79, 'EUR', 10), ('Enterprise', 5100, 'EUR', 250);

CREATE TABLE product_usage (
    customer_id TEXT NOT NULL REFERENCES customers (id),
    month TEXT NOT NULL,                  -- YYYY-MM
    active_users INTEGER NOT NULL,
    seats INTEGER NOT NULL,
    logins INTEGER NOT NULL,
    PRIMARY KEY (customer_id, month)
);
INSERT INTO product_usage VALUES
 ('C-1001', '2024-07', 8, 10, 412), ('C-1001', '2024-08', 8, 10, 398), ('C-1001', '2024-09', 9, 10, 431),
 ('C-1002', '2024-07', 3, 3, 96), ('C-1002', '2024-08', 2, 3, 41), ('C-1002', '2024-09', 1, 3, 9),
 ('C-1003', '2024-07', 212, 250, 9120), ('C-1003', '2024-08', 220, 250, 9540), ('C-1003', '2024-09', 231, 250, 9980),
 ('C-1004', '2024-07', 6, 10, 180), ('C-1004', '2024-08', 5, 10, 150), ('C-1004', '2024-09', 5, 10, 148),
 ('C-1005', '2024-07', 3, 10, 88), ('C-1005', '2024-08', 3, 10, 70), ('C-1005', '2024-09', 2, 10, 31),
 ('C-1006', '2024-07', 180, 250, 7020), ('C-1006', '2024-08', 141, 250, 5210), ('C-1006', '2024-09', 96, 250, 2870),
 ('C-1007', '2024-07', 2, 3, 40), ('C-1007', '2024-08', 2, 3, 44), ('C-1007', '2024-09', 3, 3, 52);

CREATE TABLE leads (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    company TEXT NOT NULL,
    source TEXT NOT NULL,                 -- webinar | website | referral | event
    website_visits INTEGER NOT NULL,
    email_opens INTEGER NOT NULL,
    demo_requested INTEGER NOT NULL,      -- 0 | 1
    created_at TEXT NOT NULL
);
INSERT INTO leads VALUES
 ('L-201', 'Emma Laurent', 'emma.laurent@northwind.example', 'Northwind Logistics', 'webinar', 14, 6, 1, '2024-09-24'),
 ('L-202', 'Oliver Brandt', 'oliver.brandt@fabrikam.example', 'Fabrikam', 'website', 3, 1, 0, '2024-09-25'),
 ('L-203', 'Priya Nair', 'priya.nair@contoso.example', 'Contoso Retail', 'referral', 9, 4, 1, '2024-09-26'),
 ('L-204', 'Lucas Moreau', 'lucas.moreau@tailspin.example', 'Tailspin Toys', 'event', 1, 0, 0, '2024-09-27'),
 ('L-205', 'Hannah Schulz', 'hannah.schulz@adatum.example', 'Adatum Health', 'website', 22, 9, 0, '2024-09-28'),
 ('L-206', 'Mateo Alvarez', 'mateo.alvarez@litware.example', 'Litware', 'webinar', 5, 2, 0, '2024-09-29');

CREATE TABLE companies (
    name TEXT PRIMARY KEY,
    industry TEXT NOT NULL,
    employees INTEGER NOT NULL,
    country TEXT NOT NULL
);
INSERT INTO companies VALUES
 ('Northwind Logistics', 'Logistics', 420, 'DE'), ('Fabrikam', 'Manufacturing', 2300, 'US'), ('Contoso Retail', 'Retail', 860, 'UK'),
 ('Tailspin Toys', 'Consumer goods', 35, 'FR'), ('Adatum Health', 'Healthcare', 1200, 'NL'), ('Litware', 'Software', 90, 'ES');

CREATE TABLE services (
    service TEXT PRIMARY KEY,
    owner_team TEXT NOT NULL,
    on_call TEXT NOT NULL,
    on_call_chat TEXT NOT NULL,
    tier INTEGER NOT NULL,                -- 1 customer-facing, 2 internal
    runbook TEXT NOT NULL
);
INSERT INTO services VALUES
 ('checkout-api', 'Payments', 'Ana Silva', '@payments-oncall', 1, 'demo/runbooks/checkout-api.md'),
 ('reporting-worker', 'Data', 'Tom Becker', '@data-oncall', 2, 'demo/runbooks/reporting-worker.md');

CREATE TABLE dunning_log (
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    reminded_on TEXT NOT NULL,
    PRIMARY KEY (invoice_id, reminded_on)
);
