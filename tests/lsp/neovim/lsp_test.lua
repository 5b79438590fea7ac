-- A real editor against `mast lsp`: Neovim's built-in LSP client opens a
-- Mast file and a Kubernetes YAML file, and the test checks the diagnostics
-- the client received, one hover and one completion. Run by run.sh with
-- MAST_BIN (the mast executable) and MAST_WS (a workspace with the files).
local bin = os.getenv('MAST_BIN')
local ws = os.getenv('MAST_WS')
local failures = {}

local function check(ok, what)
  if ok then
    io.stdout:write('ok   ' .. what .. '\n')
  else
    io.stdout:write('FAIL ' .. what .. '\n')
    table.insert(failures, what)
  end
end

local function finish()
  io.stdout:flush()
  if #failures > 0 then vim.cmd('cquit 1') else vim.cmd('qall!') end
end

local client_id = vim.lsp.start_client({
  name = 'mast',
  cmd = { bin, 'lsp' },
  root_dir = ws,
})
check(client_id ~= nil, 'the client starts mast lsp')
if not client_id then finish() end

local function open(name, filetype)
  vim.cmd('edit ' .. ws .. '/' .. name)
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = filetype
  vim.lsp.buf_attach_client(buf, client_id)
  return buf
end

local function wait_for_diagnostics(buf)
  vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  return vim.diagnostic.get(buf)
end

local function has(list, predicate)
  for _, item in ipairs(list) do
    if predicate(item) then return true end
  end
  return false
end

local function code_of(d)
  if d.code then return tostring(d.code) end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code and tostring(lsp.code) or ''
end

-- The Mast file: a type error with the CLI's code and wording.
local mast = open('app.mast', 'mast')
local diagnostics = wait_for_diagnostics(mast)
check(has(diagnostics, function(d)
  return code_of(d) == 'E0302' and d.lnum == 6 and d.message:find('`App` has no field `replcas`; did you mean `replicas`?', 1, true)
end), 'Mast diagnostic E0302 on line 7')

-- Hover on a Kubernetes field of a record typed by the function's result.
local hover = vim.lsp.buf_request_sync(mast, 'textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(mast) },
  position = { line = 9, character = 5 },
}, 10000)
local hover_text = ''
for _, response in pairs(hover or {}) do
  if response.result and response.result.contents then hover_text = response.result.contents.value or '' end
end
check(hover_text:find('replicas: int', 1, true) and hover_text:find('field of `DeploymentSpec`', 1, true),
      'hover on a Kubernetes field: ' .. hover_text:gsub('\n', ' '):sub(1, 80))

-- Completion of the Deployment spec's fields, required ones marked.
local completion = vim.lsp.buf_request_sync(mast, 'textDocument/completion', {
  textDocument = { uri = vim.uri_from_bufnr(mast) },
  position = { line = 10, character = 4 },
}, 10000)
local labels = {}
for _, response in pairs(completion or {}) do
  local items = response.result and (response.result.items or response.result) or {}
  for _, item in ipairs(items) do labels[item.label] = item.detail or '' end
end
check(labels['selector'] == 'LabelSelector (required)' and labels['strategy'] ~= nil,
      'completion of DeploymentSpec fields')

-- The YAML file: a schema finding, and a policy finding with its rule id.
local yaml = open('deploy.yaml', 'yaml')
local yaml_diagnostics = wait_for_diagnostics(yaml)
check(has(yaml_diagnostics, function(d)
  return code_of(d) == 'E0501' and d.lnum == 5 and d.message:find('did you mean `replicas`?', 1, true)
end), 'YAML diagnostic E0501 on line 6')
check(has(yaml_diagnostics, function(d) return code_of(d) == 'image-latest-tag' end),
      'YAML policy finding image-latest-tag')

vim.lsp.stop_client(client_id)
finish()
