-- Drives gocop's language server from a real Neovim (0.7 or later), headless. It opens each file named
-- in GOCOP_E2E_FILES (one per line), attaches the gocop client, waits for the server's diagnostics for
-- that buffer, asks for the code actions on each diagnostic, and writes what the server published, what
-- Neovim shows and the actions it offers to GOCOP_E2E_OUT as JSON.
-- Run: nvim --headless --clean -u testdata/lsp/neovim.lua
local files = vim.split(os.getenv('GOCOP_E2E_FILES') or '', '\n', { trimempty = true })
local out = os.getenv('GOCOP_E2E_OUT')
local root = os.getenv('GOCOP_E2E_ROOT')
local cmd = { os.getenv('GOCOP_E2E_NODE') or 'node', os.getenv('GOCOP_E2E_BIN'), 'lsp', '--stdio' }

local published = {}
local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  published[result.uri] = result.diagnostics
  return default_handler(err, result, ctx, config)
end

local client_id = vim.lsp.start_client({ name = 'gocop', cmd = cmd, root_dir = root })
local report = { files = {}, errors = {} }
if not client_id then
  table.insert(report.errors, 'could not start the gocop client')
end

for _, file in ipairs(files) do
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  if client_id then
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  local arrived = vim.wait(20000, function()
    return published[uri] ~= nil
  end, 50)
  if not arrived then
    table.insert(report.errors, 'no diagnostics arrived for ' .. file)
  end
  local shown = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (diagnostic.user_data or {}).lsp or {}
    -- The code actions Neovim would offer on this diagnostic (`vim.lsp.buf.code_action()`).
    local titles = {}
    local params = {
      textDocument = { uri = uri },
      range = lsp.range or { start = { line = diagnostic.lnum, character = diagnostic.col }, ['end'] = { line = diagnostic.end_lnum, character = diagnostic.end_col } },
      context = { diagnostics = { lsp } },
    }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000) or {}
    for _, response in pairs(responses) do
      for _, action in ipairs(response.result or {}) do
        table.insert(titles, action.title)
      end
    end
    table.insert(shown, {
      line = diagnostic.lnum + 1,
      column = diagnostic.col + 1,
      message = diagnostic.message,
      source = diagnostic.source,
      code = lsp.code or diagnostic.code,
      actions = titles,
    })
  end
  report.files[file] = { published = published[uri] or {}, shown = shown }
end

local handle = io.open(out, 'w')
handle:write(vim.fn.json_encode(report))
handle:close()
if client_id then
  vim.lsp.stop_client(client_id)
end
vim.cmd('qa!')
