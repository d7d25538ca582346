-- Neovim 0.7+ LSP probe: attaches `node dist/server.js --stdio` to $TEST_FILE and writes its diagnostics to $OUT_FILE.
-- Run by scripts/editor/nvim.mjs: nvim --headless --clean -i NONE -c "luafile scripts/editor/nvim-probe.lua"
local out = {}
local function finish()
  vim.fn.writefile(out, vim.env.OUT_FILE)
  vim.cmd('qall!')
end

-- LSP_LOG_LEVEL=debug writes the conversation to the private $XDG_CACHE_HOME/nvim/lsp.log.
vim.lsp.set_log_level(vim.env.LSP_LOG_LEVEL or 'warn')
local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.TEST_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  table.insert(out, 'nvim=' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch))
  table.insert(out, 'filetype=' .. vim.bo[bufnr].filetype)
  local cfg = {
    name = 'netadvisor',
    cmd = { 'node', vim.env.LSP_SERVER, '--stdio' },
    root_dir = vim.fn.fnamemodify(vim.env.TEST_FILE, ':h'),
  }
  local id
  if vim.lsp.start then
    id = vim.lsp.start(cfg) -- nvim >= 0.8
  else
    id = vim.lsp.start_client(cfg) -- nvim 0.7
    vim.lsp.buf_attach_client(bufnr, id)
  end
  local timeout = tonumber(vim.env.WAIT_MS or '20000')
  local got = vim.wait(timeout, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.source == 'netadvisor' then return true end
    end
    return false
  end, 50)
  table.insert(out, 'got_diagnostics=' .. tostring(got))
  -- Every rule on the first publication (they all arrive in one publishDiagnostics).
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''
    table.insert(out, string.format('%d:%d %s [%s] [%s]', d.lnum + 1, d.col + 1, d.message, tostring(code), d.source or ''))
  end
  -- Shut the server down cleanly (shutdown + exit) and wait for its process to end.
  local client = vim.lsp.get_client_by_id(id)
  vim.lsp.stop_client(id)
  local stopped = vim.wait(10000, function() return client == nil or client.is_stopped() end, 50)
  table.insert(out, 'server_stopped=' .. tostring(stopped))
end)
if not ok then table.insert(out, 'error=' .. tostring(err)) end
finish()
